ALTER TABLE "chats" ADD COLUMN "min_sale_kop" bigint;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "only_returns" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "desk_filter" text[];--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "quiet_from" integer;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "quiet_to" integer;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "summary_time" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "message_thread_id" bigint;