-- Hand-written: the shop-scoped trigram index on product names needs btree_gin (for business_id) next to pg_trgm.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
ALTER TABLE "cash_desks" ADD COLUMN "cap_slot" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "cash_desks_business_cap_slot_key" ON "cash_desks" USING btree ("business_id","cap_slot");--> statement-breakpoint
-- Hand-written: the lines already stored take their check's business before the column becomes NOT NULL.
ALTER TABLE "check_items" ADD COLUMN "business_id" bigint;--> statement-breakpoint
UPDATE "check_items" i SET "business_id" = c."business_id" FROM "checks" c WHERE c."id" = i."check_id";--> statement-breakpoint
ALTER TABLE "check_items" ALTER COLUMN "business_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "check_items_business_name_trgm_idx" ON "check_items" USING gin ("business_id","name" gin_trgm_ops);--> statement-breakpoint
DROP INDEX "check_items_name_trgm_idx";
