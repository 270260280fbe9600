"""From text to claims: sentences, speakers, quotes, entities, cues, structure, stems."""
