// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {IPlazaUSD} from "../../src/interfaces/IPlazaUSD.sol";
import {PegStabilityModule} from "../../src/psm/PegStabilityModule.sol";
import {PlazaUSD} from "../../src/stablecoin/PlazaUSD.sol";
import {PSMSetup} from "../utils/PSMSetup.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// @notice Gas per transaction of the PSM swaps, written to snapshots/PSM.json. Scenario of the LitePSM anchor:
/// 100 USDC, fee 0, the user already holds both USDC and pUSD, the PSM already holds reserves.
/// forge-config: default.isolate = true
contract PSMGasTest is PSMSetup {
    address internal user = makeAddr("user");

    function setUp() public {
        _deployPSM();
        _fund(user, 10_000e6);
        vm.prank(user);
        psm.sellGem(user, 5000e6);
    }

    function test_gas_sellGem() public {
        vm.prank(user);
        psm.sellGem(user, 100e6);
        vm.snapshotGasLastCall("PSM", "sellGem");
    }

    function test_gas_buyGem() public {
        vm.prank(user);
        psm.buyGem(user, 100e6);
        vm.snapshotGasLastCall("PSM", "buyGem");
    }
}

/// @notice Informational, no target: the same swaps with a gem whose transfer costs like real USDC
/// (FiatTokenV2_2): an ERC-1967 proxy, a pause flag, a blocklist packed into the balance slot, a spender check
/// and an allowance that is decreased. A second pUSD deployment has exactly that storage-access pattern (its
/// transferFrom measures ~3.4k below USDC's, so these figures are still a lower bound for real USDC).
/// Written to snapshots/PSM-usdcLikeGem.json.
/// forge-config: default.isolate = true
contract PSMUsdcLikeGemGasTest is PSMSetup {
    address internal user = makeAddr("user");
    PlazaUSD internal gemToken;

    function setUp() public {
        _deployStablecoin();
        // its own implementation, as USDC has: no warm code shared with pUSD
        gemToken = PlazaUSD(address(new ERC1967Proxy(address(new PlazaUSD()), _initData(address(registry)))));
        vm.prank(masterMinter);
        gemToken.configureMinter(minter, type(uint256).max);
        FeeCollector.Recipient[] memory recipients = new FeeCollector.Recipient[](1);
        recipients[0] = FeeCollector.Recipient({account: treasury, bps: 10_000, notify: false});
        collector = new FeeCollector(0, admin, recipients);
        psm = new PegStabilityModule(IPlazaUSD(address(pusd)), gemToken, address(collector), CEILING, 0, admin);
        vm.prank(masterMinter);
        pusd.configureMinter(address(psm), type(uint256).max);

        vm.prank(minter);
        gemToken.mint(user, 10_000e18);
        vm.startPrank(user);
        gemToken.approve(address(psm), 1_000_000e18); // finite: decreased on every swap, as USDC always does
        pusd.approve(address(psm), type(uint256).max);
        psm.sellGem(user, 5000e18);
        vm.stopPrank();
    }

    function test_gas_sellGem_usdcLikeGem() public {
        vm.prank(user);
        psm.sellGem(user, 100e18);
        vm.snapshotGasLastCall("PSM-usdcLikeGem", "sellGem");
    }

    function test_gas_buyGem_usdcLikeGem() public {
        vm.prank(user);
        psm.buyGem(user, 100e18);
        vm.snapshotGasLastCall("PSM-usdcLikeGem", "buyGem");
    }
}
