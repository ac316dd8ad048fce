"""The only code that writes documents: the CNIL notification draft, the communication to the
persons, the register (.docx, .pdf, .csv, .txt), from templates in resources/templates."""
