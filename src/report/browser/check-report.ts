import { pathToFileURL } from "node:url";
import { withChromiumPage } from "./chromium";

/** One `<img>` of the page as Chromium laid it out. */
export interface RenderedImage {
  readonly alt: string;
  /** The picture's own size; 0 when it could not be decoded. */
  readonly naturalWidth: number;
  /** The size it is drawn at, CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Decoded, laid out with a non-zero size, and not hidden by CSS. */
  readonly visible: boolean;
}

/** What a report looks like in a real browser. */
export interface ReportCheck {
  readonly title: string;
  /** The text of every h1–h3, in page order. */
  readonly headings: readonly string[];
  readonly images: readonly RenderedImage[];
  /** The page's visible text (`document.body.innerText`). */
  readonly text: string;
  /** Every alert/confirm/prompt the page opened: any one means script ran. */
  readonly dialogs: readonly string[];
  /** Console errors and uncaught exceptions (a CSP violation is reported here too). */
  readonly consoleErrors: readonly string[];
  /** Whether any marker global (e.g. `__pwned`) was set: script from the data ran. */
  readonly scriptRan: boolean;
  /** Requests for anything but the page itself: a self-contained page makes none. */
  readonly externalRequests: readonly string[];
}

export interface CheckReportOptions {
  /** Globals that hostile test data sets when its script runs. Default `["__pwned"]`. */
  readonly markers?: readonly string[];
}

/**
 * Opens a rendered report (file://) in headless Chromium with JavaScript enabled, as a reader's
 * browser would have it, and reports what it shows and whether anything ran that should not:
 * dialogs, console errors, marker globals. Any request beyond the file itself is refused and
 * listed. Each image is awaited until decoded before it is measured.
 */
export async function checkReportInBrowser(htmlPath: string, options: CheckReportOptions = {}): Promise<ReportCheck> {
  const pageUrl = pathToFileURL(htmlPath).href;
  const markers = options.markers ?? ["__pwned"];
  return withChromiumPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    const dialogs: string[] = [];
    const consoleErrors: string[] = [];
    const externalRequests: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url === pageUrl || url.startsWith("data:")) return route.continue();
      externalRequests.push(url);
      return route.abort();
    });
    await page.goto(pageUrl, { waitUntil: "load" });
    // Page scripts: the project compiles without DOM types, so these run as source text.
    const images = await page.evaluate<RenderedImage[]>(`Promise.all([...document.images].map(async (img) => {
      await img.decode().catch(() => undefined);
      const box = img.getBoundingClientRect();
      const visible = img.complete && img.naturalWidth > 0 && box.width > 0 && box.height > 0 && img.checkVisibility({ visibilityProperty: true, opacityProperty: true });
      return { alt: img.alt, naturalWidth: img.naturalWidth, width: box.width, height: box.height, visible };
    }))`);
    return {
      title: await page.title(),
      headings: await page.locator("h1, h2, h3").allInnerTexts(),
      images,
      text: await page.locator("body").innerText(),
      dialogs,
      consoleErrors,
      scriptRan: await page.evaluate<boolean>(`${JSON.stringify(markers)}.some((name) => name in window)`),
      externalRequests,
    };
  });
}
