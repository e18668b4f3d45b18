"""Turn raw source documents about a treatment into structured sections, spans and drafts."""
