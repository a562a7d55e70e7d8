"""Turning files into pages and passages. The only package that imports PyMuPDF."""
