"""Cross-origin headers of the lite platform (an example package written for Open edX Config)."""
