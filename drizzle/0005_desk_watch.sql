CREATE TABLE "desk_watch" (
	"cash_desk_id" bigint PRIMARY KEY NOT NULL,
	"business_id" bigint NOT NULL,
	"profile_date" date NOT NULL,
	"profile" jsonb NOT NULL,
	"first_check_at" timestamp with time zone,
	"quiet_check_id" bigint,
	"quiet_last_check_at" timestamp with time zone,
	"quiet_alerted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "watchdog_off" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "desk_watch" ADD CONSTRAINT "desk_watch_cash_desk_id_cash_desks_id_fk" FOREIGN KEY ("cash_desk_id") REFERENCES "public"."cash_desks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desk_watch" ADD CONSTRAINT "desk_watch_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;