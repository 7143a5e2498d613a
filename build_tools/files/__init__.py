"""Writing to disk so that nothing is lost or misplaced; knows nothing of trees or sites."""
