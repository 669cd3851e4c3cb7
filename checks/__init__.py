"""prefguard's pure analysis: text and syntax trees in, findings out."""
