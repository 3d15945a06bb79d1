import type { UiApplication, UiEnvironment, UiExecutor, UiJob, UiRddStorage, UiSqlExecution, UiStage, UiTaskMetricDistributions } from "./types";

/**
 * The quantiles every summary request asks for. Always explicit: `/taskSummary` defaults to
 * 0.05…0.95 and so misses the slowest task, which is the one a skew diagnosis needs.
 */
export const TASK_QUANTILES = [0, 0.25, 0.5, 0.75, 1] as const;
const QUANTILES_PARAM = TASK_QUANTILES.join(",");

/** Tries per REST request before a network failure is reported (see fetchWithRetry). */
const FETCH_ATTEMPTS = 3;

/** SQL executions per page: the API returns 20 unless told otherwise. */
const SQL_PAGE = 100;

export class SparkUiError extends Error {
  override readonly name = "SparkUiError";
}

/**
 * A typed client of the Spark UI's REST API, for a live driver (`http://host:4040`) or a History
 * Server (`http://host:18080`): both serve the same `/api/v1`. It reads one application: the
 * given one, or else the first the server lists (a driver UI lists exactly its own).
 */
export class SparkUiClient {
  private appPath: Promise<string> | undefined;

  /** `baseUrl` without `/api/v1`; `appId` to pick an application on a History Server. */
  constructor(
    readonly baseUrl: string,
    private readonly appId?: string,
  ) {}

  /** The application id (discovered on first use unless given). */
  async applicationId(): Promise<string> {
    return (await this.applicationPath()).split("/")[2] ?? "";
  }

  applications(): Promise<UiApplication[]> {
    return this.get<UiApplication[]>("/applications");
  }

  /** The Spark version serving the UI (`/version`). */
  async version(): Promise<string> {
    return (await this.get<{ spark: string }>("/version")).spark;
  }

  jobs(): Promise<UiJob[]> {
    return this.getApp<UiJob[]>("/jobs");
  }

  /** Every stage attempt with its task-metric quantiles (heavy on a long-lived application). */
  stages(): Promise<UiStage[]> {
    return this.getApp<UiStage[]>(`/stages?withSummaries=true&quantiles=${QUANTILES_PARAM}`);
  }

  /** The attempts of one stage with their task-metric quantiles, without the per-task list. */
  stage(stageId: number): Promise<UiStage[]> {
    return this.getApp<UiStage[]>(`/stages/${stageId}?details=false&withSummaries=true&quantiles=${QUANTILES_PARAM}`);
  }

  taskSummary(stageId: number, attemptId: number): Promise<UiTaskMetricDistributions> {
    return this.getApp<UiTaskMetricDistributions>(`/stages/${stageId}/${attemptId}/taskSummary?quantiles=${QUANTILES_PARAM}`);
  }

  /** All SQL executions, without plan nodes (the API pages them; this reads every page). */
  async sqlExecutions(): Promise<UiSqlExecution[]> {
    const all: UiSqlExecution[] = [];
    for (let offset = 0; ; offset += SQL_PAGE) {
      const page = await this.getApp<UiSqlExecution[]>(`/sql?details=false&planDescription=false&offset=${offset}&length=${SQL_PAGE}`);
      all.push(...page);
      if (page.length < SQL_PAGE) return all;
    }
  }

  /** One SQL execution with its plan description and plan nodes' metrics. */
  sqlExecution(id: number): Promise<UiSqlExecution> {
    return this.getApp<UiSqlExecution>(`/sql/${id}?details=true&planDescription=true`);
  }

  /** Active and removed executors (the driver is the one executor in local mode). */
  executors(): Promise<UiExecutor[]> {
    return this.getApp<UiExecutor[]>("/allexecutors");
  }

  environment(): Promise<UiEnvironment> {
    return this.getApp<UiEnvironment>("/environment");
  }

  /** Cached RDDs and DataFrames. */
  rddStorage(): Promise<UiRddStorage[]> {
    return this.getApp<UiRddStorage[]>("/storage/rdd");
  }

  private applicationPath(): Promise<string> {
    this.appPath ??= this.discoverApplication().catch((error: unknown) => {
      this.appPath = undefined; // a UI that was not up yet may answer on the next call
      throw error;
    });
    return this.appPath;
  }

  /**
   * `/applications/<id>`, plus `/<attemptId>` when the application has attempt ids (cluster mode
   * on a History Server): their data lives under the attempt.
   */
  private async discoverApplication(): Promise<string> {
    const apps = await this.applications();
    const app = this.appId === undefined ? apps[0] : apps.find((a) => a.id === this.appId);
    if (app === undefined) {
      throw new SparkUiError(this.appId === undefined ? `${this.baseUrl} lists no application` : `${this.baseUrl} has no application ${this.appId}`);
    }
    const attemptId = app.attempts.at(-1)?.attemptId;
    return `/applications/${app.id}${attemptId === undefined ? "" : `/${attemptId}`}`;
  }

  private async getApp<T>(path: string): Promise<T> {
    return this.get<T>(`${await this.applicationPath()}${path}`);
  }

  private async get<T>(path: string): Promise<T> {
    const url = `${this.baseUrl.replace(/\/+$/, "")}/api/v1${path}`;
    const response = await this.fetchWithRetry(url);
    if (!response.ok) throw new SparkUiError(`GET ${url}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
    return (await response.json()) as T;
  }

  /**
   * A request that failed to connect or was cut is retried (three attempts, 0.5 s then 1 s
   * apart): the UI's Jetty server drops connections when the driver is busy, and a capture must
   * not fail a step that succeeded. An HTTP error status is an answer, and is not retried.
   */
  private async fetchWithRetry(url: string): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetch(url);
      } catch (error) {
        if (attempt === FETCH_ATTEMPTS)
          throw new SparkUiError(`GET ${url}: ${error instanceof Error ? error.message : String(error)} (after ${attempt} attempts)`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }
}
