func.func @fusion_empty_region() {
  // expected-error @+1 {{'kiln.fusion' op region #0 ('body') failed to verify constraint: region with 1 blocks}}
  "kiln.fusion"() ({}) : () -> ()
  return
}
