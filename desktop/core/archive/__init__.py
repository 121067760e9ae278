"""The electronic archive (电子档案, issue 13): dossiers and the packages that take them out of the
live database for years."""
