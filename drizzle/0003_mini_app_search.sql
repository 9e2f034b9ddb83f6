CREATE INDEX "checks_business_ordered_idx" ON "checks" USING btree ("business_id","ordered_at","id");--> statement-breakpoint
CREATE INDEX "checks_desk_ordered_idx" ON "checks" USING btree ("cash_desk_id","ordered_at","id");--> statement-breakpoint
CREATE INDEX "checks_business_total_idx" ON "checks" USING btree ("business_id","total_kop","ordered_at","id");--> statement-breakpoint
CREATE INDEX "checks_business_order_num_idx" ON "checks" USING btree ("business_id","order_num" text_pattern_ops);--> statement-breakpoint
-- ---------------------------------------------------------------------------------------------
-- Hand-written (not expressible in schema.ts): the Mini App's product-name search needs the
-- pg_trgm extension (trusted since PostgreSQL 13, so the database owner may create it; PGlite
-- loads it from @electric-sql/pglite/contrib/pg_trgm in src/db/client.ts). The GIN index that
-- schema.ts declares (check_items_name_trgm_idx) is moved here from above, after the extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "check_items_name_trgm_idx" ON "check_items" USING gin ("name" gin_trgm_ops);
