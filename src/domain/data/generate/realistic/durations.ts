import { type Column, functions as F, TypedLiteral } from "../../../../connect";
import { ACTION_TYPES } from "../../schemas";
import { categorical, type KeyedDraws } from "./keyed-draws";
import { doubles } from "./business-clock";

/**
 * What each action does and how long it takes, in the brief's order (page_view, edit, create,
 * delete, share). Durations are log-normal (median, σ of the log): page loads around a second,
 * edits tens of seconds with a long tail, quick deletes. Reading is the commonest action.
 */
export const ACTION_WEIGHTS = [52, 27, 9, 5, 7] as const;
export const DURATION_MEDIAN_MS = [800, 40_000, 20_000, 1_500, 4_000] as const;
export const DURATION_SIGMA = [0.5, 1.0, 0.9, 0.6, 0.7] as const;
/** The index of `page_view` (whose duration is the page load time). */
export const PAGE_VIEW = ACTION_TYPES.indexOf("page_view");

const STREAM = { action: 301, normal: 302, page: 304 } as const;

/** The popularity of pages: p000001 is the most visited; a page's share falls as a power law. */
export const PAGE_COUNT = 1_000_000;
const PAGE_SKEW = 3;

/** The uniform draw behind an event's action (materialise it: actionOfDraw reads it once per action). */
export function actionDraw(draws: KeyedDraws, id: Column): Column {
  return draws.uniform(STREAM.action, id);
}

export function actionOfDraw(draw: Column): Column {
  return categorical(draw, ACTION_WEIGHTS);
}

export function actionName(index: Column): Column {
  return F.elementAt(F.lit([...ACTION_TYPES]), index.plus(1));
}

/** `p%06d` of 1 + ⌊PAGE_COUNT · u^PAGE_SKEW⌋: a heavy head of popular pages, a long tail of rare ones. */
export function pageId(draws: KeyedDraws, id: Column): Column {
  const skewed = F.power(draws.uniform(STREAM.page, id), F.lit(PAGE_SKEW));
  return F.formatString("p%06d", F.floor(skewed.multiply(PAGE_COUNT)).plus(1));
}

/**
 * A log-normal duration for the action, times `pageLoadFactor` for page views (the device and
 * release effects), times `burstFactor` (the extreme-duration anomaly, 1 elsewhere), in whole ms.
 */
export function durationMs(draws: KeyedDraws, id: Column, action: Column, pageLoadFactor: Column, burstFactor: Column): Column {
  const median = F.elementAt(doubles(DURATION_MEDIAN_MS), action.plus(1));
  const sigma = F.elementAt(doubles(DURATION_SIGMA), action.plus(1));
  const base = median.multiply(F.exp(sigma.multiply(draws.normal(STREAM.normal, id))));
  const factor = F.when(action.eq(PAGE_VIEW), pageLoadFactor).otherwise(F.lit(TypedLiteral.double(1)));
  return F.round(base.multiply(factor).multiply(burstFactor)).cast("long");
}
