"""planverk/1 ⇄ models: the only code that knows both the document and the database."""
