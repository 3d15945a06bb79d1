/** One row of the enriched interactions (src/domain/data/schemas.ts ENRICHED.ddl), as tests build them. */
export interface EnrichedEvent {
  user_id: string;
  timestamp: Date;
  /** The UTC day of `timestamp`, YYYY-MM-DD. */
  event_date: string;
  action_type: string;
  page_id: string;
  duration_ms: number;
  app_version: string;
  country: string;
  device_type: string;
  subscription_type: string;
  /** Null for a user without metadata. */
  join_date: string | null;
}
