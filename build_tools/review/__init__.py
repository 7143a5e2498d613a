"""What an edit does to the advice: the tree at a git ref against the working copy."""
