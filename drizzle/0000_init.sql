CREATE TABLE "businesses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner_user_id" bigint NOT NULL,
	"webhook_token" text NOT NULL,
	"webhook_token_hash" text NOT NULL,
	"default_low_cash_kop" bigint DEFAULT 0 NOT NULL,
	"default_high_cash_kop" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cash_desks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"business_id" bigint NOT NULL,
	"num_fiscal" text NOT NULL,
	"cash_in_box_kop" bigint,
	"cash_in_box_at" timestamp with time zone,
	"low_cash_kop" bigint,
	"high_cash_kop" bigint,
	"low_cash_alerted" boolean DEFAULT false NOT NULL,
	"high_cash_alerted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_leases" (
	"chat_id" bigint PRIMARY KEY NOT NULL,
	"leased_by" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"not_before" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "chats" (
	"chat_id" bigint PRIMARY KEY NOT NULL,
	"business_id" bigint NOT NULL,
	"type" text NOT NULL,
	"title" text,
	"role" text NOT NULL,
	"lang" text,
	"muted" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"deactivated_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_items" (
	"check_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"bar_code" text,
	"unit_name" text,
	"amount_milli" bigint NOT NULL,
	"price_kop" bigint NOT NULL,
	"cost_kop" bigint NOT NULL,
	"discount_kop" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "check_items_check_id_position_pk" PRIMARY KEY("check_id","position")
);
--> statement-breakpoint
CREATE TABLE "check_payments" (
	"check_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"code" integer NOT NULL,
	"name" text,
	"sum_kop" bigint NOT NULL,
	"provided_kop" bigint,
	"remains_kop" bigint,
	"is_cash" boolean NOT NULL,
	CONSTRAINT "check_payments_check_id_position_pk" PRIMARY KEY("check_id","position")
);
--> statement-breakpoint
CREATE TABLE "check_pdfs" (
	"check_id" bigint PRIMARY KEY NOT NULL,
	"pdf" "bytea" NOT NULL,
	"stored_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"business_id" bigint NOT NULL,
	"cash_desk_id" bigint NOT NULL,
	"uuid" text NOT NULL,
	"check_type" text,
	"kind" text NOT NULL,
	"order_num" text,
	"fiscal_hash" text,
	"ordered_at" timestamp with time zone NOT NULL,
	"business_date" date NOT NULL,
	"is_offline" boolean DEFAULT false NOT NULL,
	"total_kop" bigint NOT NULL,
	"round_kop" bigint DEFAULT 0 NOT NULL,
	"discount_kop" bigint DEFAULT 0 NOT NULL,
	"cash_kop" bigint DEFAULT 0 NOT NULL,
	"cashless_kop" bigint DEFAULT 0 NOT NULL,
	"cash_in_box_kop" bigint,
	"link" text,
	"local_number" bigint,
	"has_pdf" boolean DEFAULT false NOT NULL,
	"raw" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"business_id" bigint NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_chat" bigint
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"business_id" bigint NOT NULL,
	"chat_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"check_id" bigint,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"leased_by" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"event_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rejected_payloads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"business_id" bigint NOT NULL,
	"status" integer NOT NULL,
	"problems" jsonb NOT NULL,
	"content_type" text,
	"body" "bytea" NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schedule_runs" (
	"job" text NOT NULL,
	"slot" text NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "schedule_runs_job_slot_pk" PRIMARY KEY("job","slot")
);
--> statement-breakpoint
ALTER TABLE "cash_desks" ADD CONSTRAINT "cash_desks_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_items" ADD CONSTRAINT "check_items_check_id_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_payments" ADD CONSTRAINT "check_payments_check_id_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_pdfs" ADD CONSTRAINT "check_pdfs_check_id_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_cash_desk_id_cash_desks_id_fk" FOREIGN KEY ("cash_desk_id") REFERENCES "public"."cash_desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rejected_payloads" ADD CONSTRAINT "rejected_payloads_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "businesses_token_hash_key" ON "businesses" USING btree ("webhook_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "businesses_owner_key" ON "businesses" USING btree ("owner_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cash_desks_business_fiscal_key" ON "cash_desks" USING btree ("business_id","num_fiscal");--> statement-breakpoint
CREATE INDEX "chats_business_idx" ON "chats" USING btree ("business_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checks_business_uuid_key" ON "checks" USING btree ("business_id","uuid");--> statement-breakpoint
CREATE INDEX "checks_business_day_idx" ON "checks" USING btree ("business_id","business_date","kind");--> statement-breakpoint
CREATE INDEX "checks_uuid_idx" ON "checks" USING btree ("uuid");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("run_after","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_chat_pending_idx" ON "outbox" USING btree ("chat_id","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "rejected_business_idx" ON "rejected_payloads" USING btree ("business_id","received_at");