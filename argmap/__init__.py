"""argmap: argument maps kept as code — validate, find gaps, show, render and prepare debates."""

__version__ = "0.1.0"
