"""``check``: a Word document judged against a format profile, finding by finding."""
