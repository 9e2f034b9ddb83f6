-- Hand-written: the trigram index on product names (the Mini App search) needs pg_trgm first.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "rejected_payload_days" (
	"business_id" bigint NOT NULL,
	"day" date NOT NULL,
	"kept" integer DEFAULT 0 NOT NULL,
	"dropped" integer DEFAULT 0 NOT NULL,
	"notified_at" timestamp with time zone,
	CONSTRAINT "rejected_payload_days_business_id_day_pk" PRIMARY KEY("business_id","day")
);
--> statement-breakpoint
ALTER TABLE "cash_desks" ADD COLUMN "clock_notice_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "send_refused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rejected_payloads" ADD COLUMN "body_size" integer;--> statement-breakpoint
ALTER TABLE "rejected_payloads" ADD COLUMN "body_sha256" text;--> statement-breakpoint
ALTER TABLE "rejected_payload_days" ADD CONSTRAINT "rejected_payload_days_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_items_name_trgm_idx" ON "check_items" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "checks_business_ordered_idx" ON "checks" USING btree ("business_id","ordered_at","id");--> statement-breakpoint
CREATE INDEX "checks_desk_ordered_idx" ON "checks" USING btree ("cash_desk_id","ordered_at","id");--> statement-breakpoint
CREATE INDEX "checks_business_total_idx" ON "checks" USING btree ("business_id","total_kop","ordered_at","id");--> statement-breakpoint
CREATE INDEX "checks_business_order_num_idx" ON "checks" USING btree ("business_id","order_num" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "outbox_finished_idx" ON "outbox" USING btree ("finished_at") WHERE status <> 'pending';--> statement-breakpoint
CREATE INDEX "rejected_received_idx" ON "rejected_payloads" USING btree ("received_at");--> statement-breakpoint
-- Hand-written: rows kept before this migration hold whole bodies; record their size and
-- sha256 like new rows have. Their bodies are not cut here: the nightly housekeeping deletes
-- them within 30 days anyway.
UPDATE "rejected_payloads" SET "body_size" = octet_length("body"), "body_sha256" = encode(sha256("body"), 'hex') WHERE "body_size" IS NULL;
