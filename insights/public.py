"""What other parts of the portal may ask of insights: nothing; it only reads the others."""
