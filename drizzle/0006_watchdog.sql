ALTER TABLE "businesses" ADD COLUMN "return_alert_kop" bigint;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "discount_alert_pct" integer;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "withdraw_alert_kop" bigint DEFAULT 0;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "return_share_alerted_on" date;--> statement-breakpoint
ALTER TABLE "cash_desks" ADD COLUMN "drawer_mismatch_on" date;--> statement-breakpoint
ALTER TABLE "cash_desks" ADD COLUMN "offline_episode_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "not_before" timestamp with time zone;