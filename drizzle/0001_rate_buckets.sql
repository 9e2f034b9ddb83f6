CREATE TABLE "rate_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"not_before" timestamp with time zone NOT NULL
);
