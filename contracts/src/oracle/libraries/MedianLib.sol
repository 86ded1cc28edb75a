// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title MedianLib
/// @notice Sorting and lower median of small arrays of packed submissions.
/// @dev A packed submission is `answer << 160 | reporter`: the answer sits in the top 96 bits, so ordering packed
/// words orders them by answer (ties by reporter address), and each word still names its reporter.
library MedianLib {
    /// @dev Bits below the answer.
    uint256 internal constant ANSWER_SHIFT = 160;

    /// @notice Sorts `words` in place, ascending (insertion sort: arrays hold at most 31 words).
    function sort(uint256[] memory words) internal pure {
        uint256 length = words.length;
        for (uint256 i = 1; i < length; ++i) {
            uint256 key = words[i];
            uint256 j = i;
            while (j > 0 && words[j - 1] > key) {
                words[j] = words[j - 1];
                --j;
            }
            words[j] = key;
        }
    }

    /// @notice The lower median of sorted packed words: the answer of the element at index `(n - 1) / 2`.
    /// @dev For odd n it is the median; for even n the lower of the two middle answers. `words` must be non-empty.
    function lowerMedian(uint256[] memory sorted) internal pure returns (uint256) {
        return sorted[(sorted.length - 1) / 2] >> ANSWER_SHIFT;
    }

    /// @notice The answer of a packed submission.
    function answerOf(uint256 word) internal pure returns (uint256) {
        return word >> ANSWER_SHIFT;
    }

    /// @notice The reporter of a packed submission.
    function reporterOf(uint256 word) internal pure returns (address) {
        return address(uint160(word));
    }

    /// @notice Packs a submission.
    function pack(address reporter, uint256 answer) internal pure returns (uint256) {
        return answer << ANSWER_SHIFT | uint160(reporter);
    }

    /// @notice Whether `value` is further than `bps` (relative to `center`) from `center`.
    /// @dev Values are below 2^96 and bps below 2^16, so the products cannot overflow.
    function exceeds(uint256 value, uint256 center, uint256 bps) internal pure returns (bool) {
        uint256 distance = value > center ? value - center : center - value;
        return distance * 10_000 > center * bps;
    }
}
