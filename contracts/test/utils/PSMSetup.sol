// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeCollector} from "../../src/fees/FeeCollector.sol";
import {IPlazaUSD} from "../../src/interfaces/IPlazaUSD.sol";
import {MockUSDC} from "../../src/mocks/MockUSDC.sol";
import {PegStabilityModule} from "../../src/psm/PegStabilityModule.sol";
import {StablecoinSetup} from "./StablecoinSetup.sol";

/// @notice pUSD + registry (StablecoinSetup), MockUSDC, a FeeCollector and the PSM as an unlimited pUSD minter.
abstract contract PSMSetup is StablecoinSetup {
    MockUSDC internal usdc;
    FeeCollector internal collector;
    PegStabilityModule internal psm;

    address internal treasury = makeAddr("treasury");
    address internal psmPauser = makeAddr("psmPauser");
    uint256 internal constant CEILING = 1_000_000_000e18;

    function _deployPSM() internal {
        _deployStablecoin();
        usdc = new MockUSDC();
        FeeCollector.Recipient[] memory recipients = new FeeCollector.Recipient[](1);
        recipients[0] = FeeCollector.Recipient({account: treasury, bps: 10_000, notify: false});
        collector = new FeeCollector(0, admin, recipients);
        psm = new PegStabilityModule(IPlazaUSD(address(pusd)), usdc, address(collector), CEILING, 0, admin);
        vm.startPrank(admin);
        psm.grantRole(psm.PAUSER_ROLE(), psmPauser);
        vm.stopPrank();
        vm.prank(masterMinter);
        pusd.configureMinter(address(psm), type(uint256).max);
    }

    function _fund(address account, uint256 usdcAmount) internal {
        usdc.mint(account, usdcAmount);
        vm.startPrank(account);
        usdc.approve(address(psm), type(uint256).max);
        pusd.approve(address(psm), type(uint256).max);
        vm.stopPrank();
    }

    function _setFees(uint16 tin, uint16 tout) internal {
        vm.prank(admin);
        psm.setFees(tin, tout);
    }
}
