-- Every lookup by uuid is within a business: checks_business_uuid_key serves it. One index fewer to write per check.
DROP INDEX "checks_uuid_idx";--> statement-breakpoint
-- Hand-written (issue 13): PDFs arrive compressed already; EXTERNAL stores them out of line without the futile pglz attempt on every insert.
ALTER TABLE "check_pdfs" ALTER COLUMN "pdf" SET STORAGE EXTERNAL;
