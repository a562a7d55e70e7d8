"""Legal citations: statute popular names now; extraction and resolution with eyecite to come."""
