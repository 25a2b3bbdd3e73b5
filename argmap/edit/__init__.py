"""Editing maps while keeping their comments: new, fmt, add and rename.

    bytes --document.parse--> Document (text, libyaml nodes with start and end marks, comments)
          --layout / rename / add--> new text --verify--> bytes written atomically, or a refusal

Every edit works on the text, guided by the nodes' marks: what an edit does not need to change is
copied as it was, byte for byte (comments, quoting, hand-wrapped text, a BOM, CRLF line ends). The
result is read back with the same reader as `validate` and compared with the input before anything
is written (argmap.edit.verify).
"""
