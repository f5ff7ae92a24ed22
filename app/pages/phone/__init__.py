"""What a participant sees on the phone: the start page (type a code) and the meeting."""
