"use client";

import dynamic from "next/dynamic";

/**
 * The alliance page's forms that are only ever shown in a FormDialog, fetched when their dialog
 * first opens instead of with the page: they are not rendered before that, so the page's
 * first-load JavaScript need not carry them (BENCHMARKS.md, issue 27's fourth pass).
 */
export const ContributionForm = dynamic(() => import("./contribution-form").then((m) => m.ContributionForm));
export const TimelineForm = dynamic(() => import("./timeline-form").then((m) => m.TimelineForm));
export const OpenCycleForm = dynamic(() => import("../evaluation/cycle-forms").then((m) => m.OpenCycleForm));
