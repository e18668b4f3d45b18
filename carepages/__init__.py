"""carepages: a clinic's source documents about a treatment, made into a patient-education
website that works offline and loads nothing from anyone else."""

__version__ = "0.1.0"
