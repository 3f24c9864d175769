"""Read: files in, articles out.

Takes a corpus folder or files (txt, md, html, jsonl, csv) and gives ``Article`` records: metadata, body,
and boilerplate as excluded offsets (never deleted)."""
