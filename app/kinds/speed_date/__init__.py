"""Speed dating: rounds of pairs (a trio or a pause for an odd count) with a shared countdown."""
