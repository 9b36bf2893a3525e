# Sourced by the fixture scripts: h1 DIR prints the content digest of the tree DIR, made with
# coreutils alone, as docs/contract.md defines it (the sha256 of the lines "<sha256>  <path>" of
# its regular files, sorted by path in bytes, in base64 after "h1:"). The digest the tests expect of
# an archive is this one over what the reference tool extracts from it.
h1() {
  (cd "$1" && find . -type f -printf '%P\n' | LC_ALL=C sort | while IFS= read -r f; do
    printf '%s  %s\n' "$(sha256sum < "$f" | cut -d' ' -f1)" "$f"; done) |
    sha256sum | cut -d' ' -f1 | xxd -r -p | base64 | sed 's/^/h1:/'
}
