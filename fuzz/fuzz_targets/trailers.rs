//! The trailer reader, on any commit message: it must never panic, and a
//! sign-off it counts must be a trailer of the message's final block.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let message = String::from_utf8_lossy(data);
    let trailers = isg::signoff::trailer::parse(message.as_bytes());
    for (agreement, digest, counts) in isg::signoff::history::parse_message(&message) {
        if counts {
            let value = format!("{agreement} {digest}");
            assert!(
                trailers
                    .iter()
                    .any(|t| t.key == "Agreement-Sign-Off" && t.value.split_whitespace().collect::<Vec<_>>().join(" ") == value),
                "{message:?}"
            );
        }
    }
});
