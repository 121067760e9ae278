"""The electronic archive (电子档案, issue 13): dossiers (dossier.py) and what is built on them."""
