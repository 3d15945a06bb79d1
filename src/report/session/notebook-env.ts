/**
 * The environment variable through which the headless runner tells a notebook's process which
 * notebook it runs, so a report session can file that notebook's steps under its name. Absent
 * in JupyterLab.
 */
export const NOTEBOOK_ENV = "INSIGHTS_NOTEBOOK";
