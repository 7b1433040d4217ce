"""What a document says: the template context of a one-meeting document, the
aggregation of a period's meetings into a digest, and the digest's chart."""
