"""The candidates page: paged list, detail with masked personal fields, create and edit forms."""
