"""Web views, one module per audience: public reading, editing, publishing."""
