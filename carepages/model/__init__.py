"""What carepages knows, defined once: sections, activities, the treatment schema, the clinic,
the hours → days rule and the sentence rule. Everything else imports from here."""
