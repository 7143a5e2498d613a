"""What trainers take away: the embeddable questionnaire, the SCORM package, the trainers' page and handout."""
