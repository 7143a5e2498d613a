"""Everything once, for the plugin and the command line alike: check all inputs, render all outputs."""
