"""Legal citations: finding them in a document's text (``extract``, with eyecite and the app's own ``shapes``),
the names and targets that link them to library documents (``names``), the links stored in the catalog
(``graph``) and statute popular names (``popular_names``)."""
