// Minimal Uniswap v3 ABIs: the functions and events the SDK uses, copied from the official npm artifacts
// (@uniswap/v3-core 1.0.1, @uniswap/v3-periphery 1.4.4); test/incentives.test.ts checks each fragment against them.
// @plaza/abi covers only contracts/src.

/**
 * The parts of Uniswap v3's `NonfungiblePositionManager` the SDK calls.
 *
 * @example
 * ```ts
 * import { nonfungiblePositionManagerAbi } from '@plaza/sdk';
 * nonfungiblePositionManagerAbi.map((item) => item.name);
 * ```
 */
export const nonfungiblePositionManagerAbi = [
  {
    type: 'function',
    name: 'positions',
    stateMutability: 'view',
    inputs: [
      {
        name: 'tokenId',
        type: 'uint256',
      },
    ],
    outputs: [
      {
        name: 'nonce',
        type: 'uint96',
      },
      {
        name: 'operator',
        type: 'address',
      },
      {
        name: 'token0',
        type: 'address',
      },
      {
        name: 'token1',
        type: 'address',
      },
      {
        name: 'fee',
        type: 'uint24',
      },
      {
        name: 'tickLower',
        type: 'int24',
      },
      {
        name: 'tickUpper',
        type: 'int24',
      },
      {
        name: 'liquidity',
        type: 'uint128',
      },
      {
        name: 'feeGrowthInside0LastX128',
        type: 'uint256',
      },
      {
        name: 'feeGrowthInside1LastX128',
        type: 'uint256',
      },
      {
        name: 'tokensOwed0',
        type: 'uint128',
      },
      {
        name: 'tokensOwed1',
        type: 'uint128',
      },
    ],
  },
  {
    type: 'function',
    name: 'mint',
    stateMutability: 'payable',
    inputs: [
      {
        name: 'params',
        type: 'tuple',
        components: [
          {
            name: 'token0',
            type: 'address',
          },
          {
            name: 'token1',
            type: 'address',
          },
          {
            name: 'fee',
            type: 'uint24',
          },
          {
            name: 'tickLower',
            type: 'int24',
          },
          {
            name: 'tickUpper',
            type: 'int24',
          },
          {
            name: 'amount0Desired',
            type: 'uint256',
          },
          {
            name: 'amount1Desired',
            type: 'uint256',
          },
          {
            name: 'amount0Min',
            type: 'uint256',
          },
          {
            name: 'amount1Min',
            type: 'uint256',
          },
          {
            name: 'recipient',
            type: 'address',
          },
          {
            name: 'deadline',
            type: 'uint256',
          },
        ],
        internalType: 'struct INonfungiblePositionManager.MintParams',
      },
    ],
    outputs: [
      {
        name: 'tokenId',
        type: 'uint256',
      },
      {
        name: 'liquidity',
        type: 'uint128',
      },
      {
        name: 'amount0',
        type: 'uint256',
      },
      {
        name: 'amount1',
        type: 'uint256',
      },
    ],
  },
  {
    type: 'function',
    name: 'increaseLiquidity',
    stateMutability: 'payable',
    inputs: [
      {
        name: 'params',
        type: 'tuple',
        components: [
          {
            name: 'tokenId',
            type: 'uint256',
          },
          {
            name: 'amount0Desired',
            type: 'uint256',
          },
          {
            name: 'amount1Desired',
            type: 'uint256',
          },
          {
            name: 'amount0Min',
            type: 'uint256',
          },
          {
            name: 'amount1Min',
            type: 'uint256',
          },
          {
            name: 'deadline',
            type: 'uint256',
          },
        ],
        internalType: 'struct INonfungiblePositionManager.IncreaseLiquidityParams',
      },
    ],
    outputs: [
      {
        name: 'liquidity',
        type: 'uint128',
      },
      {
        name: 'amount0',
        type: 'uint256',
      },
      {
        name: 'amount1',
        type: 'uint256',
      },
    ],
  },
  {
    type: 'function',
    name: 'decreaseLiquidity',
    stateMutability: 'payable',
    inputs: [
      {
        name: 'params',
        type: 'tuple',
        components: [
          {
            name: 'tokenId',
            type: 'uint256',
          },
          {
            name: 'liquidity',
            type: 'uint128',
          },
          {
            name: 'amount0Min',
            type: 'uint256',
          },
          {
            name: 'amount1Min',
            type: 'uint256',
          },
          {
            name: 'deadline',
            type: 'uint256',
          },
        ],
        internalType: 'struct INonfungiblePositionManager.DecreaseLiquidityParams',
      },
    ],
    outputs: [
      {
        name: 'amount0',
        type: 'uint256',
      },
      {
        name: 'amount1',
        type: 'uint256',
      },
    ],
  },
  {
    type: 'function',
    name: 'collect',
    stateMutability: 'payable',
    inputs: [
      {
        name: 'params',
        type: 'tuple',
        components: [
          {
            name: 'tokenId',
            type: 'uint256',
          },
          {
            name: 'recipient',
            type: 'address',
          },
          {
            name: 'amount0Max',
            type: 'uint128',
          },
          {
            name: 'amount1Max',
            type: 'uint128',
          },
        ],
        internalType: 'struct INonfungiblePositionManager.CollectParams',
      },
    ],
    outputs: [
      {
        name: 'amount0',
        type: 'uint256',
      },
      {
        name: 'amount1',
        type: 'uint256',
      },
    ],
  },
  {
    type: 'function',
    name: 'ownerOf',
    stateMutability: 'view',
    inputs: [
      {
        name: 'tokenId',
        type: 'uint256',
      },
    ],
    outputs: [
      {
        name: '',
        type: 'address',
      },
    ],
  },
  {
    type: 'function',
    name: 'balanceOf',
    stateMutability: 'view',
    inputs: [
      {
        name: 'owner',
        type: 'address',
      },
    ],
    outputs: [
      {
        name: '',
        type: 'uint256',
      },
    ],
  },
  {
    type: 'function',
    name: 'tokenOfOwnerByIndex',
    stateMutability: 'view',
    inputs: [
      {
        name: 'owner',
        type: 'address',
      },
      {
        name: 'index',
        type: 'uint256',
      },
    ],
    outputs: [
      {
        name: '',
        type: 'uint256',
      },
    ],
  },
  {
    type: 'function',
    name: 'getApproved',
    stateMutability: 'view',
    inputs: [
      {
        name: 'tokenId',
        type: 'uint256',
      },
    ],
    outputs: [
      {
        name: '',
        type: 'address',
      },
    ],
  },
  {
    type: 'function',
    name: 'approve',
    stateMutability: 'nonpayable',
    inputs: [
      {
        name: 'to',
        type: 'address',
      },
      {
        name: 'tokenId',
        type: 'uint256',
      },
    ],
    outputs: [],
  },
  {
    type: 'function',
    name: 'isApprovedForAll',
    stateMutability: 'view',
    inputs: [
      {
        name: 'owner',
        type: 'address',
      },
      {
        name: 'operator',
        type: 'address',
      },
    ],
    outputs: [
      {
        name: '',
        type: 'bool',
      },
    ],
  },
  {
    type: 'function',
    name: 'safeTransferFrom',
    stateMutability: 'nonpayable',
    inputs: [
      {
        name: 'from',
        type: 'address',
      },
      {
        name: 'to',
        type: 'address',
      },
      {
        name: 'tokenId',
        type: 'uint256',
      },
      {
        name: '_data',
        type: 'bytes',
      },
    ],
    outputs: [],
  },
  {
    type: 'function',
    name: 'factory',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      {
        name: '',
        type: 'address',
      },
    ],
  },
  {
    type: 'event',
    name: 'Transfer',
    inputs: [
      {
        name: 'from',
        type: 'address',
        indexed: true,
      },
      {
        name: 'to',
        type: 'address',
        indexed: true,
      },
      {
        name: 'tokenId',
        type: 'uint256',
        indexed: true,
      },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'IncreaseLiquidity',
    inputs: [
      {
        name: 'tokenId',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'liquidity',
        type: 'uint128',
        indexed: false,
      },
      {
        name: 'amount0',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'amount1',
        type: 'uint256',
        indexed: false,
      },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'DecreaseLiquidity',
    inputs: [
      {
        name: 'tokenId',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'liquidity',
        type: 'uint128',
        indexed: false,
      },
      {
        name: 'amount0',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'amount1',
        type: 'uint256',
        indexed: false,
      },
    ],
    anonymous: false,
  },
  {
    type: 'event',
    name: 'Collect',
    inputs: [
      {
        name: 'tokenId',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'recipient',
        type: 'address',
        indexed: false,
      },
      {
        name: 'amount0',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'amount1',
        type: 'uint256',
        indexed: false,
      },
    ],
    anonymous: false,
  },
] as const;

/**
 * The parts of Uniswap v3's `UniswapV3Pool` the SDK calls.
 *
 * @example
 * ```ts
 * import { uniswapV3PoolAbi } from '@plaza/sdk';
 * uniswapV3PoolAbi.map((item) => item.name);
 * ```
 */
export const uniswapV3PoolAbi = [
  {
    type: 'function',
    name: 'slot0',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      {
        name: 'sqrtPriceX96',
        type: 'uint160',
      },
      {
        name: 'tick',
        type: 'int24',
      },
      {
        name: 'observationIndex',
        type: 'uint16',
      },
      {
        name: 'observationCardinality',
        type: 'uint16',
      },
      {
        name: 'observationCardinalityNext',
        type: 'uint16',
      },
      {
        name: 'feeProtocol',
        type: 'uint8',
      },
      {
        name: 'unlocked',
        type: 'bool',
      },
    ],
  },
  {
    type: 'function',
    name: 'liquidity',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      {
        name: '',
        type: 'uint128',
      },
    ],
  },
  {
    type: 'function',
    name: 'token0',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      {
        name: '',
        type: 'address',
      },
    ],
  },
  {
    type: 'function',
    name: 'token1',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      {
        name: '',
        type: 'address',
      },
    ],
  },
  {
    type: 'function',
    name: 'fee',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      {
        name: '',
        type: 'uint24',
      },
    ],
  },
  {
    type: 'function',
    name: 'tickSpacing',
    stateMutability: 'view',
    inputs: [],
    outputs: [
      {
        name: '',
        type: 'int24',
      },
    ],
  },
  {
    type: 'function',
    name: 'snapshotCumulativesInside',
    stateMutability: 'view',
    inputs: [
      {
        name: 'tickLower',
        type: 'int24',
      },
      {
        name: 'tickUpper',
        type: 'int24',
      },
    ],
    outputs: [
      {
        name: 'tickCumulativeInside',
        type: 'int56',
      },
      {
        name: 'secondsPerLiquidityInsideX128',
        type: 'uint160',
      },
      {
        name: 'secondsInside',
        type: 'uint32',
      },
    ],
  },
  {
    type: 'event',
    name: 'Swap',
    inputs: [
      {
        name: 'sender',
        type: 'address',
        indexed: true,
      },
      {
        name: 'recipient',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount0',
        type: 'int256',
        indexed: false,
      },
      {
        name: 'amount1',
        type: 'int256',
        indexed: false,
      },
      {
        name: 'sqrtPriceX96',
        type: 'uint160',
        indexed: false,
      },
      {
        name: 'liquidity',
        type: 'uint128',
        indexed: false,
      },
      {
        name: 'tick',
        type: 'int24',
        indexed: false,
      },
    ],
    anonymous: false,
  },
] as const;

/**
 * The parts of Uniswap v3's `UniswapV3Factory` the SDK calls.
 *
 * @example
 * ```ts
 * import { uniswapV3FactoryAbi } from '@plaza/sdk';
 * uniswapV3FactoryAbi.map((item) => item.name);
 * ```
 */
export const uniswapV3FactoryAbi = [
  {
    type: 'function',
    name: 'getPool',
    stateMutability: 'view',
    inputs: [
      {
        name: '',
        type: 'address',
      },
      {
        name: '',
        type: 'address',
      },
      {
        name: '',
        type: 'uint24',
      },
    ],
    outputs: [
      {
        name: '',
        type: 'address',
      },
    ],
  },
  {
    type: 'function',
    name: 'feeAmountTickSpacing',
    stateMutability: 'view',
    inputs: [
      {
        name: '',
        type: 'uint24',
      },
    ],
    outputs: [
      {
        name: '',
        type: 'int24',
      },
    ],
  },
] as const;

/**
 * The parts of Uniswap v3's `SwapRouter` the SDK calls.
 *
 * @example
 * ```ts
 * import { swapRouterAbi } from '@plaza/sdk';
 * swapRouterAbi.map((item) => item.name);
 * ```
 */
export const swapRouterAbi = [
  {
    type: 'function',
    name: 'exactInputSingle',
    stateMutability: 'payable',
    inputs: [
      {
        name: 'params',
        type: 'tuple',
        components: [
          {
            name: 'tokenIn',
            type: 'address',
          },
          {
            name: 'tokenOut',
            type: 'address',
          },
          {
            name: 'fee',
            type: 'uint24',
          },
          {
            name: 'recipient',
            type: 'address',
          },
          {
            name: 'deadline',
            type: 'uint256',
          },
          {
            name: 'amountIn',
            type: 'uint256',
          },
          {
            name: 'amountOutMinimum',
            type: 'uint256',
          },
          {
            name: 'sqrtPriceLimitX96',
            type: 'uint160',
          },
        ],
        internalType: 'struct ISwapRouter.ExactInputSingleParams',
      },
    ],
    outputs: [
      {
        name: 'amountOut',
        type: 'uint256',
      },
    ],
  },
] as const;
