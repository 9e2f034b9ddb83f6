ALTER TABLE "businesses" ADD COLUMN "name" text;--> statement-breakpoint
CREATE INDEX "outbox_chat_replies_idx" ON "outbox" USING btree ("chat_id","id") WHERE status = 'pending' and kind = 'reply';