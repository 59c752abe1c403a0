"""What every layer shares: the intermediate model of words, lines and blocks, the edit log,
and the error a file that cannot be read raises."""
