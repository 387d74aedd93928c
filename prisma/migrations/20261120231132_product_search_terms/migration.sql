-- CreateTable
CREATE TABLE "SearchTerm" (
    "term" TEXT NOT NULL,

    CONSTRAINT "SearchTerm_pkey" PRIMARY KEY ("term")
);

-- CreateIndex
CREATE INDEX "SearchTerm_term_idx" ON "SearchTerm" USING GIST ("term" gist_trgm_ops);

-- The vocabulary is the words of "searchText" (already folded by the application). Words with a
-- digit are identifiers, unique per product: they would make the vocabulary grow with the
-- catalogue, and the exact-SKU and substring arms already find them. Terms of deleted products
-- stay, and a correction to one merely finds nothing.
CREATE FUNCTION "Product_add_search_terms"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchTerm" (term)
  SELECT DISTINCT word FROM new_products, unnest(string_to_array(new_products."searchText", ' ')) AS word
  WHERE word <> '' AND word !~ '[0-9]'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- Per statement with a transition table, so a bulk insert adds its words in one INSERT … SELECT
-- and every writer (importer, bulk builder, admin edits) is covered without knowing about it.
CREATE TRIGGER "Product_search_terms_insert" AFTER INSERT ON "Product"
  REFERENCING NEW TABLE AS new_products FOR EACH STATEMENT EXECUTE FUNCTION "Product_add_search_terms"();
CREATE TRIGGER "Product_search_terms_update" AFTER UPDATE ON "Product"
  REFERENCING NEW TABLE AS new_products FOR EACH STATEMENT EXECUTE FUNCTION "Product_add_search_terms"();

-- Existing catalogues get their vocabulary now.
INSERT INTO "SearchTerm" (term)
SELECT DISTINCT word FROM "Product", unnest(string_to_array("searchText", ' ')) AS word
WHERE word <> '' AND word !~ '[0-9]'
ON CONFLICT DO NOTHING;
