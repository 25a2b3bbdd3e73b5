"""Every output format of every report, one registry per family, which the commands' `--format` reads:

    problems.PROBLEM_FORMATS   validate: text, parsable, json, github, sarif
    gaps.GAP_FORMATS           gaps: text, parsable, json, github, markdown
    evaluation.EVAL_FORMATS    eval: text, json
    brief.BRIEF_FORMATS        brief: md, html (with the file extensions that choose them)

findings.py holds the formats shared by every kind of finding (parsable, github, sarif, the JSON
envelope); base.py what a format is; terminal.py the terminal, width and CI questions.
"""
