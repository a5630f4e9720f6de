/* padme.h: the padded length P(L) of section 10. */
#ifndef PADME_H
#define PADME_H

#include <stdint.h>

/* P(L): 1024 for L <= 1024, else Padme; 0 when the result would overflow */
uint64_t padme(uint64_t L);

/* the client blob size for a payload of n octets: P(n + 69) + 48 */
uint64_t padme_blob_size(uint64_t n);

/* the blob2 size for a payload of n octets: P(n + 307) + 113 */
uint64_t padme_blob2_size(uint64_t n);

#endif
