/** The error (announced assertively) or success message (politely) under an inline control. */
export function InlineFeedback({ error, success }: { error?: string; success?: string | false }) {
  return (
    <>
      {error ? (
        <p role="alert" className="w-full text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
      {success ? (
        <p role="status" className="w-full text-sm text-green-900">
          {success}
        </p>
      ) : null}
    </>
  );
}
